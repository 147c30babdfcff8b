"""What every stage may share: the lake's contract, pseudonymisation, the story signature's constants.

The stages (spiders, models, warehouse, digest) never import each other nor `flows`; what
they must agree on lives here, in modules that import no stage and read no config or
environment: `contract.lake` (the lake's paths, partitions and atomic Parquet write),
`contract.privacy` (the keyed pseudonym of an author), `contract.stories` (the MinHash
signature's shape, which the enrichment writes and the warehouse groups by).
"""
