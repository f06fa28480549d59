"""Labelled evaluation of the matching engine (nDCG@10 against naive baselines)."""
