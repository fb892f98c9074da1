package dev.gatehouse.samlxml.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Regenerates the corpus in place; runs only when asked with {@code -Dgatehouse.regenerateHostileCorpus=true}. */
class RegenerateHostileCorpusTest {
    @Test
    @EnabledIfSystemProperty(named = "gatehouse.regenerateHostileCorpus", matches = "true")
    void regenerateWhenAskedThenEveryCaseHasAFile() throws Exception {
        HostileCorpus.main(new String[0]);

        assertThat(Files.readAllLines(HostileCorpus.DEFAULT_DIR.resolve("expectations.tsv")).subList(1, 2))
                .allSatisfy(line -> assertThat(HostileCorpus.DEFAULT_DIR.resolve(line.split("\t")[0])).exists());
    }
}
