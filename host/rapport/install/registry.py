"""The few Windows registry operations install needs, over any `winreg`-like module (tests pass a fake)."""

from __future__ import annotations


class Registry:
    """Default values of keys: set, read, delete. `winreg` is the real module on Windows."""

    def __init__(self, winreg) -> None:
        self.w = winreg

    def _hive(self, name: str):
        return getattr(self.w, name)  # "HKEY_CURRENT_USER" -> winreg.HKEY_CURRENT_USER

    def set_default(self, hive: str, key: str, value: str) -> None:
        with self.w.CreateKeyEx(self._hive(hive), key, 0, self.w.KEY_WRITE) as handle:
            self.w.SetValueEx(handle, None, 0, self.w.REG_SZ, value)

    def get_default(self, hive: str, key: str) -> str | None:
        try:
            with self.w.OpenKey(self._hive(hive), key, 0, self.w.KEY_READ) as handle:
                value, _type = self.w.QueryValueEx(handle, None)
                return value
        except OSError:  # FileNotFoundError when the key or value is absent
            return None

    def delete(self, hive: str, key: str) -> bool:
        try:
            self.w.DeleteKey(self._hive(hive), key)
            return True
        except OSError:
            return False


def system_registry() -> Registry | None:
    """The real registry on Windows, None elsewhere."""
    try:
        import winreg
    except ImportError:
        return None
    return Registry(winreg)
