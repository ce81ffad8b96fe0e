"""Key items: what moves a biotech stock, pulled out of a `Transcript` by one extractor per kind."""
