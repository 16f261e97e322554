"""govtrace.viz"""
