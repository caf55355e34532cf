"""Raw schemas: what a partner's file must look like before it is harmonized."""
