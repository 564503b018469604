"""The portal's Dutch full-text search, shared by every app that lets people search.

- `vectors`: the stored search vectors a model declares (the text-search configurations live there);
- `thesaurus`: the word groups coordinators keep (variants, synonyms, compounds), and stop words;
- `query`: what a person typed, turned into a condition and a rank for those vectors.
"""
