"""Layout: a deck and print options in, placed boxes out (millimetres, top-left origin, y down).

Pure geometry: nothing here imports reportlab. See :mod:`.boxes` for the boxes render draws.
"""
