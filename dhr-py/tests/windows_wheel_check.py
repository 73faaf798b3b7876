"""Check the cross-built Windows wheel without Windows (dhr-py/build-dist).

    python windows_wheel_check.py DIST

DIST holds the wheels build-dist made. The Windows wheel must be tagged
``cp310-abi3-win_amd64``; its native module ``dhr/_dhr.pyd`` must export
``PyInit__dhr`` and import only ``python3.dll`` (the stable ABI, never a
``python3X.dll``) and DLLs every Windows has (no MinGW runtime such as
``libgcc_s_seh-1.dll`` or ``libwinpthread-1.dll``, which a user would not
have); and it must carry the same Python files as the Linux x86_64 wheel.
The module's tables are read with MinGW's ``objdump -p``.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

# DLLs of Windows itself (lower case). Anything else imported is an error.
WINDOWS_DLLS = {
    "kernel32.dll",
    "msvcrt.dll",
    "ntdll.dll",
    "bcryptprimitives.dll",
    "advapi32.dll",
    "userenv.dll",
    "ws2_32.dll",
}
# The API sets (api-ms-win-*.dll) are Windows' own too.
API_SET = re.compile(r"^api-ms-win-[a-z0-9-]+\.dll$")


def fail(message: str) -> None:
    print(f"windows_wheel_check: {message}", file=sys.stderr)
    sys.exit(1)


def python_files(wheel: pathlib.Path) -> set[str]:
    """The wheel's files other than its native module and its metadata."""
    with zipfile.ZipFile(wheel) as z:
        return {
            n
            for n in z.namelist()
            if ".dist-info/" not in n and not re.search(r"\.(so|pyd)$", n)
        }


def main() -> None:
    dist = pathlib.Path(sys.argv[1])
    windows = sorted(dist.glob("dhr-*-cp310-abi3-win_amd64.whl"))
    linux = sorted(dist.glob("dhr-*-cp310-abi3-manylinux2014_x86_64*.whl"))
    if len(windows) != 1 or len(linux) != 1:
        fail(f"expected one Windows and one Linux x86_64 wheel in {dist}, found {windows + linux}")
    wheel = windows[0]
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        if "dhr/_dhr.pyd" not in z.namelist():
            fail(f"{wheel.name} has no dhr/_dhr.pyd")
        z.extract("dhr/_dhr.pyd", tmp)
        tables = subprocess.run(
            ["x86_64-w64-mingw32-objdump", "-p", str(pathlib.Path(tmp, "dhr/_dhr.pyd"))],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    if "PE32+" not in tables and "pei-x86-64" not in tables:
        fail("dhr/_dhr.pyd is not a 64-bit Windows module")
    imports = {m.lower() for m in re.findall(r"DLL Name: (\S+)", tables)}
    if "python3.dll" not in imports:
        fail(f"the module does not import python3.dll (the stable ABI): {sorted(imports)}")
    other = sorted(i for i in imports - {"python3.dll"} if i not in WINDOWS_DLLS and not API_SET.match(i))
    if other:
        fail(f"the module imports DLLs a Windows user would not have: {other}")
    if not re.search(r"\]\s+PyInit__dhr\s*$", tables, re.MULTILINE):
        fail("the module does not export PyInit__dhr")
    ours, theirs = python_files(wheel), python_files(linux[0])
    if ours != theirs:
        fail(f"Python files differ from the Linux wheel's: {sorted(ours ^ theirs)}")
    print(
        f"{wheel.name}: abi3 win_amd64, imports {', '.join(sorted(imports))}; "
        f"exports PyInit__dhr; {len(ours)} Python files as in the Linux wheel"
    )


if __name__ == "__main__":
    main()
