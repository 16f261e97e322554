"""govtrace.ontology"""
