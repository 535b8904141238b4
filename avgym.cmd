@echo off
rem AV-Gym launcher for Windows: runs the app with a Java 25 runtime, whatever "java" on PATH is.
rem   avgym.cmd                               the desk app with its built-in server and demo data
rem   avgym.cmd server --demo                 the backend on its own
rem   avgym.cmd users add --role staff NAME   add a user
rem Finds Java 25 or newer (JAVA_HOME, then the usual JDK folders, then java on PATH), builds target\avgym.jar
rem with mvnw.cmd (tests skipped) when it is missing or older than src\, resources\ or pom.xml, and runs it.
setlocal EnableDelayedExpansion
set "ROOT=%~dp0"
set "JAR=%ROOT%target\avgym.jar"
set "JAVA_EXE="

if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA_EXE for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\jdk-25*" "%ProgramFiles%\Java\jdk-25*" "%ProgramFiles%\Microsoft\jdk-25*" "%ProgramFiles%\Zulu\zulu-25*" "%ProgramFiles%\Amazon Corretto\jdk25*" "%USERPROFILE%\.jdks\*25*") do (
  if not defined JAVA_EXE call :try "%%~fD\bin\java.exe"
)
if not defined JAVA_EXE for /f "delims=" %%J in ('where java 2^>nul') do (
  if not defined JAVA_EXE call :try "%%~fJ"
)
if not defined JAVA_EXE (
  echo avgym needs Java 25 or newer, and found none ^(looked at JAVA_HOME, %ProgramFiles%\Eclipse Adoptium, %ProgramFiles%\Java, %ProgramFiles%\Microsoft and java on PATH^). 1>&2
  echo Install a Java 25 JDK, for example: winget install EclipseAdoptium.Temurin.25.JDK 1>&2
  echo then run avgym.cmd again, or set JAVA_HOME to the JDK's folder. 1>&2
  exit /b 1
)

rem Rebuild when the jar is missing or a source is newer than it (PowerShell compares the times).
set "STALE=1"
if exist "%JAR%" (
  for /f %%S in ('powershell -NoProfile -Command "$j=(Get-Item -LiteralPath '%JAR%').LastWriteTime; $s=@(Get-ChildItem -LiteralPath '%ROOT%src','%ROOT%pom.xml','%ROOT%resources' -Recurse -File -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -gt $j }); $s.Count"') do set "STALE=%%S"
)
if not "%STALE%"=="0" (
  for %%H in ("%JAVA_EXE%\..\..") do set "BUILD_HOME=%%~fH"
  echo avgym: building target\avgym.jar ^(first run, or the sources changed^)... 1>&2
  pushd "%ROOT%"
  set "JAVA_HOME=!BUILD_HOME!"
  call mvnw.cmd -q -B -ntp package -DskipTests 1>&2 || (popd & exit /b 1)
  popd
)
"%JAVA_EXE%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:try
if not exist "%~1" goto :eof
for /f "tokens=3" %%V in ('"%~1" -version 2^>^&1 ^| findstr /i version') do set "VER=%%~V"
for /f "delims=." %%M in ("%VER%") do set "MAJOR=%%M"
if defined MAJOR if %MAJOR% GEQ 25 set "JAVA_EXE=%~1"
set "VER=" & set "MAJOR="
goto :eof
