; Inno Setup 6 script: a per-user installer for the one-folder bundle in dist\Afterword.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\afterword.iss
;
; No administrator rights: the app goes to %LOCALAPPDATA%\Programs\Afterword, shortcuts to
; the user's Start menu. The user's data (%LOCALAPPDATA%\Afterword, platformdirs'
; user_data_dir("Afterword", appauthor=False); logs in its Logs folder) stays on uninstall
; unless the user asks for it to go.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Afterword"
#define AppExe "Afterword.exe"
; Must equal desktop/platform/app_identity.py APP_ID (tests/packaging check it).
#define AppUserModelID "Afterword"
; The same value desktop\platform\autostart.py writes when reminders are switched on in the app.
#define RunValue "Afterword reminders"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"

[Setup]
AppId={{6A0F7C52-3B1D-4E8B-9A57-2F3C1D8E4B61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Thank-you notes, check-ins and reminders for every job interview
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=afterword-{#AppVersion}-windows-x64-setup
SetupIconFile=build\icons\afterword.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running window or tray holds files open: ask to close it (Restart Manager).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "startreminders"; Description: "Start reminders at login (a small tray icon)"; GroupDescription: "Reminders:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\Afterword\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The AppUserModelID the app sets at run time (desktop/platform/app_identity.py): toasts
; then carry Afterword's name and icon, and a click on one comes back to Afterword.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppUserModelID}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "{#AppUserModelID}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#RunValue}"; ValueData: """{app}\{#AppExe}"" tray"; Flags: uninsdeletevalue; Tasks: startreminders

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "tray"; Flags: nowait runasoriginaluser; Tasks: startreminders
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallRun]
; The tray may be running from {app}; stop it so its files can be removed.
Filename: "{sys}\taskkill.exe"; Parameters: "/F /T /IM {#AppExe}"; Flags: runhidden; RunOnceId: "StopAfterword"

[Code]
function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#AppName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    { Switched on from the app's settings rather than by this installer: remove it too. }
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#RunValue}');
  if (CurUninstallStep = usPostUninstall) and DirExists(UserDataDir()) and not UninstallSilent() then
  begin
    if MsgBox('Also delete your Afterword data?' + #13#10 + #13#10 +
              'Your job search, notes, backups and logs in' + #13#10 + UserDataDir() + #13#10 +
              'will be removed for good. Choose No to keep them for a later install.',
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(UserDataDir(), True, True, True);
  end;
end;
