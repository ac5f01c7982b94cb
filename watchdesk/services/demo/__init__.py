"""Realistic, deterministic demo data (same seed and date, same data)."""

from watchdesk.services.demo.generate import DEMO_SIZES, DemoSize, generate_demo

__all__ = ["DEMO_SIZES", "DemoSize", "generate_demo"]
