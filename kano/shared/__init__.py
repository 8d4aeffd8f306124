"""The layer below both domains: what the Kano and the satisfaction sides share.

Errors, reading files (encodings, workbooks, SPSS, the platforms' header
layouts), small map files, the rating parser, text normalisation, safe and
atomic output, the workbook writer, provenance (the Method sheet), the
language catalogue, multiple testing, customer segments, colours and chart
basics. Nothing here imports :mod:`kano`'s analyses or :mod:`satisfaction`.
"""
