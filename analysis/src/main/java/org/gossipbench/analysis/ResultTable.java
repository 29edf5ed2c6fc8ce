package org.gossipbench.analysis;

import java.nio.file.Path;
import java.util.Map;
import org.gossipbench.results.Provenance;
import tech.tablesaw.api.Table;

/**
 * One results file read whole into a Tablesaw table: every row of every record batch, one column
 * per Arrow column in the file's order, with the file's provenance and footer facts beside it.
 *
 * @param path the file read
 * @param kind the record kind, e.g. {@code run-summary}
 * @param fileVersion the schema version the file was written with (older versions lack columns)
 * @param provenance the schema metadata: run id, commit, configuration, seed, command line
 * @param footer facts written at the end of the run ({@code gossipbench.end_time}, {@code .rows})
 * @param table the rows; its name is the file name
 */
public record ResultTable(
    Path path,
    String kind,
    int fileVersion,
    Provenance provenance,
    Map<String, String> footer,
    Table table) {}
