; Inno Setup 6 script for Aisle on Windows. NOT BUILT OR TESTED HERE (written on Linux).
; Build with packaging\windows\build_windows.ps1, which freezes the app first and then runs:
;   iscc /DAppVersion=0.1.0 packaging\windows\aisle.iss
; Input:  build\dist\aisle\  (PyInstaller one-folder build: aisle-gui.exe, aisle.exe, _internal\)
; Output: build\out\aisle-<version>-windows-x64-setup.exe
; User data lives in %LOCALAPPDATA%\Aisle (platformdirs), never under {app}; uninstalling keeps it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define RepoRoot "..\.."

[Setup]
AppId={{6C0E6C3E-5B8E-4E8B-9B59-6A1E2A6B7A11}
AppName=Aisle
AppVersion={#AppVersion}
AppPublisher=Aisle maintainers
DefaultDirName={autopf}\Aisle
DefaultGroupName=Aisle
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#RepoRoot}\build\out
OutputBaseFilename=aisle-{#AppVersion}-windows-x64-setup
SetupIconFile={#RepoRoot}\build\icons\aisle.ico
UninstallDisplayIcon={app}\aisle-gui.exe
Compression=lzma2/max
SolidCompression=yes
LZMANumBlockThreads=4
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#RepoRoot}\build\dist\aisle\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Aisle"; Filename: "{app}\aisle-gui.exe"
Name: "{autodesktop}\Aisle"; Filename: "{app}\aisle-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\aisle-gui.exe"; Description: "{cm:LaunchProgram,Aisle}"; Flags: nowait postinstall skipifsilent
