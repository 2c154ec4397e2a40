#!/bin/sh
# Gatehouse as a CGI script (see docs/cgi.md): a web server runs this file once per request, with
# the request in the environment and on stdin; the response goes to stdout, logging to stderr.
# Copy it into a ScriptAlias directory (or where .htaccess says Options +ExecCGI and
# AddHandler cgi-script .cgi), make it executable (chmod 755) and set the four lines below.
#
# The simplest form does the same with the whole command (slower to start, see docs/cgi.md):
#   exec java -jar /opt/gatehouse/gatehouse.jar cgi --app com.example.MyApp --class-path /opt/myapp/app.jar
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
classpath=/opt/gatehouse/gatehouse.jar
app=dev.gatehouse.examples.DemoSite::create
aot=/opt/gatehouse/cgi.aot

# The AOT cache (JDK 24+; made by bin/gatehouse-cgi-aot) is used when it is there. The -Xlog options
# send the JVM's own warnings to stderr: by default they go to stdout, into the response.
aot_option=
[ -r "$aot" ] && aot_option=-XX:AOTCache=$aot
exec "$java" -Xlog:disable -Xlog:all=warning:stderr $aot_option -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
  -cp "$classpath" dev.gatehouse.cgi.server.CgiMain --app "$app"
