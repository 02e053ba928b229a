package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * docs/writing-jobs.md stays true: its pom names the artifact and version this build makes. (Its
 * Java source is compiled and run by {@link JobJarEndToEndTest} and {@link LocalJarCommandTest}.)
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
}
