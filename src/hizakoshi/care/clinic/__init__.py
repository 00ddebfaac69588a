"""The clinic's rules in the pure core: typed values in, decisions out, time passed in."""
