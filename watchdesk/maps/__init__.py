"""Observation maps built with folium and shown offline (see assets.py and build.py)."""
