"""Register ``Series.nomina`` without importing pandas (about 0.4 s) on ``import nomina``:
at once if pandas is already loaded, else right after pandas finishes importing."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any, Optional


class _AfterPandasImport:
    """A meta-path finder that only wraps pandas' loader. It stays on ``sys.meta_path`` until
    pandas really executes: a bare ``find_spec("pandas")`` (an optional-dependency check
    somewhere) must not use it up."""

    @staticmethod
    def find_spec(fullname: str, path: Any = None, target: Any = None) -> Optional[Any]:
        if fullname != "pandas":
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is _AfterPandasImport or find is None:
                continue
            found = find(fullname, path, target)
            if found is not None:
                break
        else:
            return None
        loader = found.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return found
        exec_pandas = loader.exec_module

        def exec_module(module: Any) -> None:
            exec_pandas(module)
            if _AfterPandasImport in sys.meta_path:
                sys.meta_path.remove(_AfterPandasImport)  # type: ignore[arg-type]
            import nomina.pandas  # noqa: F401

        loader.exec_module = exec_module
        return found


def register_accessor_with_pandas() -> None:
    if "pandas" in sys.modules:
        import nomina.pandas  # noqa: F401

        return
    try:
        if importlib.util.find_spec("pandas") is None:
            return
    except (ImportError, ValueError):
        return
    if _AfterPandasImport not in sys.meta_path:
        sys.meta_path.insert(0, _AfterPandasImport)  # type: ignore[arg-type]
