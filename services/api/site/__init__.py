"""The public web site (HTML): its page routes, templates, static files, charts, maps and PDF;
the JSON API is in services/api/routes/."""
