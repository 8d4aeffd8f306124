"""The edge of the Kano side: results put into words, sheets, charts, PDF pages and
terminal lines, in the language asked for. Nothing here computes a statistic."""
