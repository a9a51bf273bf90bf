"""Plugin de Hydra de simulacion: el lanzador ``hydra/launcher=local`` (lanzador_local.py)."""
