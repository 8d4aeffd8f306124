"""Importance × satisfaction analysis of loyalty drivers, derived importance, loyalty and NPS."""
