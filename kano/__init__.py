"""KANO survey analysis: read paired answers, classify, summarise, test."""

__version__ = "0.1.0"
