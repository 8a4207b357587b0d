"""Learned ranking of search candidates: features, the shipped LightGBM model, its training."""
