# Build Aisle's Windows installer. NOT RUN HERE (written on Linux); run on Windows 10/11 x64 with
# Python 3.11, Inno Setup 6 (iscc on PATH) and a venv made like scripts/setup.sh does:
#   py -3.11 -m venv .venv
#   .venv\Scripts\pip install -c constraints.txt torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
#   .venv\Scripts\pip install -c constraints.txt -e ".[llm,gui,packaging,export]"
# Usage (from the repository root): powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$python = ".venv\Scripts\python.exe"
$version = & $python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

& $python packaging\render_icons.py build\icons            # aisle.ico for the exe and setup
Remove-Item -Recurse -Force build\dist, build\pyinstaller -ErrorAction SilentlyContinue
# What a first launch would otherwise make: ONNX embedder, demo catalog, joined chat model.
& $python -m engine.prebuilt --out build\prebuilt --model
if ($LASTEXITCODE -ne 0) { throw "engine.prebuilt failed" }
& $python -m PyInstaller --noconfirm --distpath build\dist --workpath build\pyinstaller packaging\aisle.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Headless check of the frozen app before packaging it (aisle-gui.exe is windowed: redirect).
$report = cmd /c "build\dist\aisle\aisle-gui.exe --self-test"
if ($LASTEXITCODE -ne 0) { throw "self-test failed: $report" }

iscc "/DAppVersion=$version" packaging\windows\aisle.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "build\out\aisle-$version-windows-x64-setup.exe" | Select-Object Name, Length
