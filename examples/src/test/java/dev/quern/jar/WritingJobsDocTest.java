package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/writing-jobs.md stays true: its pom names the artifact and version this build makes, and the
 * plugin versions it uses. (Its Java source is compiled and run by {@link JobJarEndToEndTest},
 * {@link LocalJarCommandTest} and {@link JobJarProcessClusterTest}; the pom was built by hand with
 * {@code mvn -o package} against a repository holding this build's install.)
 */
class WritingJobsDocTest {

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theDocsPomDependsOnTheApiArtifactThisBuildMakes() throws Exception {
        List<String> poms = JobJarSources.docBlocks("xml");
        assertThat(poms).hasSize(1);
        Element dependency = (Element) xml(poms.get(0)).getElementsByTagName("dependency").item(0);
        Element common = pom(Path.of("..", "common", "pom.xml")).getDocumentElement();
        Element parent = pom(Path.of("..", "pom.xml")).getDocumentElement();

        assertThat(xml(poms.get(0)).getElementsByTagName("dependency").getLength()).as("the API artifact only").isEqualTo(1);
        assertThat(child(dependency, "groupId")).isEqualTo(child(parent, "groupId"));
        assertThat(child(dependency, "artifactId")).isEqualTo(child(common, "artifactId")).isEqualTo("quern-common");
        assertThat(child(dependency, "version")).isEqualTo(child(parent, "version"));
        assertThat(child(dependency, "scope")).isEqualTo("provided");
    }

    /** The doc pins its plugins to the versions this build uses, so an offline build finds them. */
    @Test
    void theDocsPluginVersionsAreThisBuilds() throws Exception {
        Map<String, String> ours = plugins(pom(Path.of("..", "pom.xml")));
        Map<String, String> docs = plugins(xml(JobJarSources.docBlocks("xml").get(0)));

        assertThat(docs).isNotEmpty();
        docs.forEach((plugin, version) -> assertThat(ours.get(plugin)).as(plugin).isEqualTo(version));
    }

    private static Map<String, String> plugins(Document pom) {
        Map<String, String> versions = new TreeMap<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (child(plugin, "version") != null) {
                versions.put(child(plugin, "artifactId"), child(plugin, "version"));
            }
        }
        return versions;
    }
}
