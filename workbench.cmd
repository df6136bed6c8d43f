@echo off
rem Qwen Workbench launcher for Windows: runs the application built in app\target.
rem Build first with:  mvn -B -DskipTests install
setlocal
set "HERE=%~dp0"
set "LIB=%HERE%app\target\lib"
set "JAR="
for %%f in ("%HERE%app\target\app-*.jar") do (
  echo %%~nxf | findstr /v /c:"-tests.jar" >nul && set "JAR=%%f"
)
if not defined JAR goto notbuilt
if not exist "%LIB%" goto notbuilt
if not defined DJL_OFFLINE if exist "%LIB%\pytorch-native-cpu-*.jar" set "DJL_OFFLINE=true"
java %WORKBENCH_JAVA_OPTS% -cp "%JAR%;%LIB%\*" dev.qwenwb.app.Main %*
exit /b %ERRORLEVEL%
:notbuilt
echo Qwen Workbench is not built yet. Build it with: 1>&2
echo   mvn -B -DskipTests install 1>&2
exit /b 1
