# The Quern image: every daemon and the client, as `mr ...` (see docs/cluster.md).
# Stage 1 builds examples/target/quern.jar with Maven; stage 2 is a JRE 17 with the jar alone.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The poms first: the dependency layer is cached until a pom changes.
COPY pom.xml .
COPY common/pom.xml common/
COPY coordinator/pom.xml coordinator/
COPY executor/pom.xml executor/
COPY examples/pom.xml examples/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
COPY --from=build /src/examples/target/quern.jar /opt/quern/quern.jar
COPY bin/docker-mr /usr/local/bin/mr
RUN chmod 0755 /usr/local/bin/mr && mkdir -p /quern/data /var/lib/quern
ENTRYPOINT ["mr"]
CMD ["--help"]
