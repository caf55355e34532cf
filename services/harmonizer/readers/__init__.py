"""Format readers: bytes of a workbook, delimited text, contract CSV or JSON document → cells."""
