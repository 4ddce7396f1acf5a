//! Retrieval scoring (nDCG@10, MRR@10 with trec_eval semantics); written with issue 4.
