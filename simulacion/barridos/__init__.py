"""Barridos de Hydra: trabajos y reanudación, diseños, agregación, sensibilidad y figuras.

La agregación y ``simulacion-analizar`` no cargan Mesa (docs/arquitectura.md).
"""
