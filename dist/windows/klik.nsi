; Klik's Windows installer: per user, no administrator rights.
;
;   makensis -V2 -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=<folder> -DOUTFILE=<setup.exe> dist/windows/klik.nsi
;
; (-D on Linux; on Windows makensis also takes /D.)
;
; STAGE holds klik-desktop.exe, WebView2Loader.dll, klik.exe, THIRD-PARTY-LICENSES.txt and icon.ico.
; Installs into %LOCALAPPDATA%\Programs\Klik, a Start-menu shortcut "Klik", and an
; uninstaller registered under HKCU (Settings > Apps). The user's data in
; %APPDATA%\be.klik.desktop is kept on uninstall unless the user ticks the option
; (or, silently, passes /REMOVEDATA).
;
; Optional: -DSIGN=<command> signs the uninstaller and the setup (see below).
;
; Command line: setup.exe [/S] [/D=<folder>]   uninstall.exe [/S] [/REMOVEDATA] [_?=<folder>]

; A 64-bit installer: Klik itself is x64 only, and this runs under a 64-bit-only Wine
; (wine64 without wine32), where the usual 32-bit NSIS stub does not start.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; The window and the command line share Klik's core: with a dictionary as
; large as both programs LZMA stores the shared code once (measured: 10.0 MB
; with the default 8 MB dictionary, 6.8 MB with 64 MB; unpacking then needs
; 64 MB of memory, which every Windows 10 laptop has).
SetCompressorDictSize 64
RequestExecutionLevel user

!ifndef VERSION
  !error "Give the version: -DVERSION=0.1.0"
!endif
!ifndef STAGE
  !error "Give the folder with the files to install: -DSTAGE=<folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "Klik_${VERSION}_x64-setup.exe"
!endif

; The version resource needs four numbers: 0.1.0 and 0.1.0-beta.2 both give 0.1.0.0.
!searchparse /noerrors "${VERSION}" "" VERSION_MAJOR "." VERSION_MINOR "." VERSION_PATCH_FULL
!searchparse /noerrors "${VERSION_PATCH_FULL}-" "" VERSION_PATCH "-"
!ifndef VERSION_MAJOR
  !define VERSION_MAJOR 0
!endif
!ifndef VERSION_MINOR
  !define VERSION_MINOR 0
!endif
!ifndef VERSION_PATCH
  !define VERSION_PATCH 0
!endif

!define PRODUCT "Klik"
!define PUBLISHER "Klik"
!define IDENTIFIER "be.klik.desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Klik"
!define SETTINGS_KEY "Software\Klik"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://developer.microsoft.com/microsoft-edge/webview2/"

; Optional signing: -DSIGN=<command> names a program that signs, in place, the file
; given as its last argument (signtool sign …, or a wrapper around osslsigncode).
; makensis then signs the uninstaller before packing it and the setup at the end;
; klik-desktop.exe and klik.exe must already be signed in STAGE.
!ifdef SIGN
  !uninstfinalize '${SIGN} "%1"' = 0
  !finalize '${SIGN} "%1"' = 0
!endif

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Klik"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide

VIProductVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIFileVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} ${VERSION} Setup"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "nsDialogs.nsh"

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

; The language chosen at install time is remembered for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Installer Language"
!define MUI_LANGDLL_ALLLANGUAGES

Var WebView2Version   ; empty when the WebView2 Runtime is absent

; ---------------------------------------------------------------- installer pages
!define MUI_WELCOMEPAGE_TITLE "$(KlikWelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(KlikWelcomeText)"
!insertmacro MUI_PAGE_WELCOME
Page custom WebView2PageShow
!define MUI_DIRECTORYPAGE_TEXT_TOP "$(KlikDirectoryText)"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(KlikFinishTitle)"
!define MUI_FINISHPAGE_TEXT "$(KlikFinishText)"
!define MUI_FINISHPAGE_TEXT_LARGE
!define MUI_FINISHPAGE_RUN "$INSTDIR\klik-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(KlikFinishRun)"
!insertmacro MUI_PAGE_FINISH

; ---------------------------------------------------------------- uninstaller pages
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(KlikUnComponentsTop)"
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "$(KlikUnComponentsList)"
!define MUI_PAGE_CUSTOMFUNCTION_SHOW un.ComponentsPageShow
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; English first: it is the fallback for any other Windows language.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---------------------------------------------------------------- our strings
LangString KlikWelcomeTitle ${LANG_ENGLISH} "Install Klik ${VERSION}"
LangString KlikWelcomeTitle ${LANG_DUTCH} "Klik ${VERSION} installeren"
LangString KlikWelcomeTitle ${LANG_FRENCH} "Installer Klik ${VERSION}"

LangString KlikWelcomeText ${LANG_ENGLISH} "Klik helps you run mentoring programmes on this computer, without internet and without an account.$\r$\n$\r$\nThis installs Klik ${VERSION} for you alone. You do not need administrator rights.$\r$\n$\r$\nYour data stays on this computer. Click Next to continue."
LangString KlikWelcomeText ${LANG_DUTCH} "Met Klik beheer je mentorprogramma's op deze computer, zonder internet en zonder account.$\r$\n$\r$\nDit installeert Klik ${VERSION} alleen voor jou. Je hebt geen beheerdersrechten nodig.$\r$\n$\r$\nJe gegevens blijven op deze computer. Klik op Volgende om verder te gaan."
LangString KlikWelcomeText ${LANG_FRENCH} "Klik vous aide à mener des programmes de mentorat sur cet ordinateur, sans internet et sans compte.$\r$\n$\r$\nCeci installe Klik ${VERSION} pour vous seul. Aucun droit d'administrateur n'est nécessaire.$\r$\n$\r$\nVos données restent sur cet ordinateur. Cliquez sur Suivant pour continuer."

LangString KlikDirectoryText ${LANG_ENGLISH} "Klik ${VERSION} will be installed in this folder, which belongs to you alone. You can keep it as it is."
LangString KlikDirectoryText ${LANG_DUTCH} "Klik ${VERSION} wordt in deze map geïnstalleerd, die alleen van jou is. Je kunt ze zo laten."
LangString KlikDirectoryText ${LANG_FRENCH} "Klik ${VERSION} sera installé dans ce dossier, qui n'appartient qu'à vous. Vous pouvez le laisser tel quel."

LangString KlikFinishTitle ${LANG_ENGLISH} "Klik ${VERSION} is installed"
LangString KlikFinishTitle ${LANG_DUTCH} "Klik ${VERSION} is geïnstalleerd"
LangString KlikFinishTitle ${LANG_FRENCH} "Klik ${VERSION} est installé"

LangString KlikFinishText ${LANG_ENGLISH} "You find Klik in the Start menu.$\r$\n$\r$\nYour data is kept in your own AppData folder ($APPDATA\${IDENTIFIER}); Klik's Settings show where."
LangString KlikFinishText ${LANG_DUTCH} "Je vindt Klik in het Startmenu.$\r$\n$\r$\nJe gegevens staan in je eigen AppData-map ($APPDATA\${IDENTIFIER}); de Instellingen van Klik tonen waar."
LangString KlikFinishText ${LANG_FRENCH} "Vous trouvez Klik dans le menu Démarrer.$\r$\n$\r$\nVos données sont conservées dans votre dossier AppData ($APPDATA\${IDENTIFIER}) ; les Paramètres de Klik indiquent où."

LangString KlikFinishRun ${LANG_ENGLISH} "Start Klik now"
LangString KlikFinishRun ${LANG_DUTCH} "Klik nu starten"
LangString KlikFinishRun ${LANG_FRENCH} "Démarrer Klik maintenant"

LangString KlikWebView2Title ${LANG_ENGLISH} "One more thing Klik needs"
LangString KlikWebView2Title ${LANG_DUTCH} "Klik heeft nog iets nodig"
LangString KlikWebView2Title ${LANG_FRENCH} "Klik a encore besoin d'une chose"

LangString KlikWebView2Subtitle ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime was not found on this computer."
LangString KlikWebView2Subtitle ${LANG_DUTCH} "De Microsoft Edge WebView2 Runtime is niet gevonden op deze computer."
LangString KlikWebView2Subtitle ${LANG_FRENCH} "Le Microsoft Edge WebView2 Runtime est introuvable sur cet ordinateur."

LangString KlikWebView2Text ${LANG_ENGLISH} "Klik shows its window with the Microsoft Edge WebView2 Runtime, a free part of Windows from Microsoft. Windows 10 and 11 usually have it already; on this computer it is missing, so Klik's window will not open without it.$\r$\n$\r$\nWhat to do: go to Microsoft's website (address below), download the $\"Evergreen Bootstrapper$\" of the $\"Microsoft Edge WebView2 Runtime$\" and run it. You do not need administrator rights for it. Then start Klik.$\r$\n$\r$\nYou can finish installing Klik now and do this afterwards. If your computer is managed by an IT department, you can also ask them."
LangString KlikWebView2Text ${LANG_DUTCH} "Klik toont zijn venster met de Microsoft Edge WebView2 Runtime, een gratis onderdeel van Windows van Microsoft. Windows 10 en 11 hebben het meestal al; op deze computer ontbreekt het, en zonder opent het venster van Klik niet.$\r$\n$\r$\nWat moet je doen: ga naar de website van Microsoft (adres hieronder), download de $\"Evergreen Bootstrapper$\" van de $\"Microsoft Edge WebView2 Runtime$\" en voer hem uit. Daarvoor heb je geen beheerdersrechten nodig. Start daarna Klik.$\r$\n$\r$\nJe kunt Klik nu eerst verder installeren en dit daarna doen. Beheert een IT-dienst je computer, dan kun je het ook aan hen vragen."
LangString KlikWebView2Text ${LANG_FRENCH} "Klik affiche sa fenêtre avec le Microsoft Edge WebView2 Runtime, un composant gratuit de Windows fourni par Microsoft. Windows 10 et 11 l'ont en général déjà ; il manque sur cet ordinateur, et sans lui la fenêtre de Klik ne s'ouvre pas.$\r$\n$\r$\nQue faire : allez sur le site de Microsoft (adresse ci-dessous), téléchargez l'$\"Evergreen Bootstrapper$\" du $\"Microsoft Edge WebView2 Runtime$\" et lancez-le. Aucun droit d'administrateur n'est nécessaire. Démarrez ensuite Klik.$\r$\n$\r$\nVous pouvez d'abord terminer l'installation de Klik et le faire ensuite. Si votre ordinateur est géré par un service informatique, vous pouvez aussi le leur demander."

LangString KlikWebView2Open ${LANG_ENGLISH} "Open Microsoft's page"
LangString KlikWebView2Open ${LANG_DUTCH} "Pagina van Microsoft openen"
LangString KlikWebView2Open ${LANG_FRENCH} "Ouvrir la page de Microsoft"

LangString KlikWebView2Log ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime was not found: install it (the Evergreen Bootstrapper from ${WEBVIEW2_URL}, no administrator rights needed) before starting Klik."
LangString KlikWebView2Log ${LANG_DUTCH} "De Microsoft Edge WebView2 Runtime is niet gevonden: installeer hem (de Evergreen Bootstrapper van ${WEBVIEW2_URL}, zonder beheerdersrechten) voor je Klik start."
LangString KlikWebView2Log ${LANG_FRENCH} "Le Microsoft Edge WebView2 Runtime est introuvable : installez-le (l'Evergreen Bootstrapper de ${WEBVIEW2_URL}, sans droits d'administrateur) avant de démarrer Klik."

LangString KlikRunning ${LANG_ENGLISH} "Klik is still open. Close Klik, then click Retry."
LangString KlikRunning ${LANG_DUTCH} "Klik is nog open. Sluit Klik en klik dan op Opnieuw."
LangString KlikRunning ${LANG_FRENCH} "Klik est encore ouvert. Fermez Klik, puis cliquez sur Réessayer."

LangString KlikUnSectionApp ${LANG_ENGLISH} "Klik (the program)"
LangString KlikUnSectionApp ${LANG_DUTCH} "Klik (het programma)"
LangString KlikUnSectionApp ${LANG_FRENCH} "Klik (le programme)"

LangString KlikUnSectionData ${LANG_ENGLISH} "Also remove my Klik data (programmes, participants, backups)"
LangString KlikUnSectionData ${LANG_DUTCH} "Ook mijn Klik-gegevens verwijderen (programma's, deelnemers, reservekopieën)"
LangString KlikUnSectionData ${LANG_FRENCH} "Supprimer aussi mes données Klik (programmes, participants, sauvegardes)"

LangString KlikUnComponentsTop ${LANG_ENGLISH} "Klik will be removed. Your data ($APPDATA\${IDENTIFIER}) is kept, so a later Klik finds it again, unless you tick the second box. Removed data cannot be brought back: make a copy first if you may need it."
LangString KlikUnComponentsTop ${LANG_DUTCH} "Klik wordt verwijderd. Je gegevens ($APPDATA\${IDENTIFIER}) blijven bewaard, zodat een latere Klik ze terugvindt, tenzij je het tweede vakje aanvinkt. Verwijderde gegevens krijg je niet terug: maak eerst een kopie als je ze nog nodig kunt hebben."
LangString KlikUnComponentsTop ${LANG_FRENCH} "Klik va être désinstallé. Vos données ($APPDATA\${IDENTIFIER}) sont conservées, pour qu'une future version de Klik les retrouve, sauf si vous cochez la seconde case. Des données supprimées ne peuvent pas être récupérées : faites d'abord une copie si vous pourriez en avoir besoin."

LangString KlikUnComponentsList ${LANG_ENGLISH} "What to remove:"
LangString KlikUnComponentsList ${LANG_DUTCH} "Wat verwijderen:"
LangString KlikUnComponentsList ${LANG_FRENCH} "Que supprimer :"

LangString KlikUnDataKept ${LANG_ENGLISH} "Your Klik data is kept in $APPDATA\${IDENTIFIER}."
LangString KlikUnDataKept ${LANG_DUTCH} "Je Klik-gegevens blijven bewaard in $APPDATA\${IDENTIFIER}."
LangString KlikUnDataKept ${LANG_FRENCH} "Vos données Klik sont conservées dans $APPDATA\${IDENTIFIER}."

; ---------------------------------------------------------------- helpers
; Sets $WebView2Version to the runtime's version, or to "" when it is absent
; (no value, or "0.0.0.0", in any of the three places Microsoft documents).
!macro KLIK_FIND_WEBVIEW2
  StrCpy $WebView2Version ""
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $WebView2Version $0
  ${EndIf}
  ${If} $WebView2Version == ""
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
    SetRegView default
    ${If} $0 != ""
    ${AndIf} $0 != "0.0.0.0"
      StrCpy $WebView2Version $0
    ${EndIf}
  ${EndIf}
  ${If} $WebView2Version == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
    ${If} $0 != ""
    ${AndIf} $0 != "0.0.0.0"
      StrCpy $WebView2Version $0
    ${EndIf}
  ${EndIf}
!macroend

; Waits until klik-desktop.exe in $INSTDIR is not running: Windows refuses to open a
; running program's file for writing. Silently, or on Cancel, it stops.
!macro KLIK_WAIT_UNTIL_CLOSED
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\klik-desktop.exe"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\klik-desktop.exe" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(KlikRunning)" /SD IDCANCEL IDRETRY klik_retry
    SetErrorLevel 2
    Quit
    klik_retry:
  ${Loop}
!macroend

; ---------------------------------------------------------------- installer
Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
  !insertmacro KLIK_FIND_WEBVIEW2
FunctionEnd

Function WebView2PageShow
  ${If} $WebView2Version != ""
    Abort ; present: no page
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "$(KlikWebView2Title)" "$(KlikWebView2Subtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 96u "$(KlikWebView2Text)"
  Pop $0
  ; The address as text the user can select and copy, and a button that opens it.
  ${NSD_CreateText} 0 102u 100% 12u "${WEBVIEW2_URL}"
  Pop $1
  SendMessage $1 ${EM_SETREADONLY} 1 0
  ${NSD_CreateButton} 0 120u 50% 14u "$(KlikWebView2Open)"
  Pop $2
  ${NSD_OnClick} $2 WebView2OpenLink
  nsDialogs::Show
FunctionEnd

Function WebView2OpenLink
  ExecShell "open" "${WEBVIEW2_URL}"
FunctionEnd

Section "Klik" SecKlik
  SectionIn RO
  !insertmacro KLIK_WAIT_UNTIL_CLOSED
  SetOutPath "$INSTDIR"
  File "${STAGE}\klik-desktop.exe"
  ; The MinGW build of the window loads the WebView2 loader from beside it.
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\klik.exe"
  File "${STAGE}\THIRD-PARTY-LICENSES.txt"
  File "${STAGE}\icon.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\Klik.lnk" "$INSTDIR\klik-desktop.exe" "" "$INSTDIR\icon.ico" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  ${If} $WebView2Version == ""
    DetailPrint "$(KlikWebView2Log)"
  ${Else}
    DetailPrint "Microsoft Edge WebView2 Runtime $WebView2Version"
  ${EndIf}
SectionEnd

; ---------------------------------------------------------------- uninstaller

Section "un.$(KlikUnSectionApp)" SecUnApp
  SectionIn RO
  !insertmacro KLIK_WAIT_UNTIL_CLOSED
  Delete "$SMPROGRAMS\Klik.lnk"
  Delete "$INSTDIR\klik-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\klik.exe"
  Delete "$INSTDIR\THIRD-PARTY-LICENSES.txt"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: nothing of the user's is removed
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd

; Unticked by default; ticked on the page, or /REMOVEDATA when silent.
Section /o "un.$(KlikUnSectionData)" SecUnData
  RMDir /r "$APPDATA\${IDENTIFIER}"        ; klik.sqlite, the demo, documents, backups
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"   ; the window's WebView2 cache
SectionEnd

Section "-un.Note"
  ${If} ${FileExists} "$APPDATA\${IDENTIFIER}\*.*"
    DetailPrint "$(KlikUnDataKept)"
  ${EndIf}
SectionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecUnData}
  ${EndIf}
FunctionEnd

; The list of the components page is narrow beside its label, and cut off "Also
; remove my Klik data (…)": hide the label and the space line, and let the list take
; the page's whole width, from the left edge of the text above it.
Function un.ComponentsPageShow
  ShowWindow $mui.ComponentsPage.ComponentsText ${SW_HIDE}
  ShowWindow $mui.ComponentsPage.InstTypesText ${SW_HIDE}
  ShowWindow $mui.ComponentsPage.SpaceRequired ${SW_HIDE}
  System::Call "*(i 0, i 0, i 0, i 0) p .r1"
  System::Call "user32::GetWindowRect(p $mui.ComponentsPage.Text, p r1)"
  System::Call "user32::MapWindowPoints(p 0, p $mui.ComponentsPage, p r1, i 2)"
  System::Call "*$1(i .r2, i, i .r4, i)"
  System::Call "user32::GetWindowRect(p $mui.ComponentsPage.Components, p r1)"
  System::Call "user32::MapWindowPoints(p 0, p $mui.ComponentsPage, p r1, i 2)"
  System::Call "*$1(i, i .r3, i, i .r5)"
  System::Free $1
  IntOp $6 $4 - $2
  IntOp $7 $5 - $3
  System::Call "user32::SetWindowPos(p $mui.ComponentsPage.Components, p 0, i $2, i $3, i $6, i $7, i 0x14)"
FunctionEnd

