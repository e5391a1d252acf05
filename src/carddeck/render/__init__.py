"""Render: placed boxes in, PDF bytes out. The only package (with :mod:`carddeck.fonts`) that
imports reportlab; every decision about position and size was made by layout.
"""
