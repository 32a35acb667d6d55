#!/usr/bin/env bash
# Builds the root file system under Rescind's container image, with no registry and no Docker:
# a Java runtime cut to the modules Rescind uses (jlink, from the JDK in JAVA_HOME), the few
# shared libraries of this machine that runtime links against (glibc), a non-root user, /tmp.
# Jib (mvn -Doci-image package) puts it under the application, on an empty (scratch) base.
#
#   src/image/build-base.sh [output-dir]     default: target/image-base
#
# The image gets this machine's architecture (amd64 or arm64): build on the one you deploy to.
set -euo pipefail

out="${1:-target/image-base}"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"

# What a Spring Boot service with JDBC, Tomcat, JMX-less actuator and the JDK HTTP client needs;
# jdk.unsupported for Caffeine and the Kafka client, java.desktop for java.beans (Spring).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,\
jdk.unsupported,jdk.zipfs,jdk.localedata

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/home/rescind"
"$JAVA_HOME/bin/jlink" \
    --add-modules "$modules" \
    --include-locales en \
    --strip-debug --no-man-pages --no-header-files --compress zip-6 \
    --output "$out/opt/java"

# java.desktop is there for java.beans only: Rescind runs headless, without X11 or sound.
rm -f "$out"/opt/java/lib/{libawt_xawt.so,libjawt.so,libjsound.so,libsplashscreen.so}

# The libraries the runtime links against, at the paths it expects (the dynamic loader too).
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' \) -print0 |
    xargs -0 ldd 2>/dev/null |
    awk '/=> \//{print $3} /^\s*\/[^ ]*ld-linux/{print $1}' |
    sort -u |
    while read -r lib; do
        mkdir -p "$out$(dirname "$lib")"
        cp -L "$lib" "$out$lib"
    done
# The loader's well-known path (/lib64 is a link to usr/lib64 or lib on most systems).
loader=$(ldd "$out/opt/java/bin/java" | awk '/ld-linux/{print $1}')
if [ ! -e "$out$loader" ]; then
    mkdir -p "$out$(dirname "$loader")"
    cp -L "$loader" "$out$loader"
fi

# A user without a shell or a password: the image runs as it (uid 10001), never as root.
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
rescind:x:10001:10001:Rescind:/home/rescind:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
rescind:x:10001:
GROUP
cat > "$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group:  files
hosts:  files dns
NSS

echo "Image root file system in $out: $(du -sh "$out" | cut -f1) (Java runtime $("$out/opt/java/bin/java" -version 2>&1 | head -1))"
