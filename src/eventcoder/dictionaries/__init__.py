"""Importers that turn other coders' dictionaries into a knowledge folder of
ours (docs/knowledge.md), to be listed in ``knowledge.extra_dirs``.

>>> report = convert_petrarch("my_dicts", verbs="CAMEO.verbs")  # doctest: +SKIP
>>> print(report.text())  # doctest: +SKIP
"""

from eventcoder.dictionaries.petrarch import ConversionReport, convert_petrarch

__all__ = ["ConversionReport", "convert_petrarch"]
