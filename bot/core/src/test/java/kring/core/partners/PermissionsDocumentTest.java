package kring.core.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/PERMISSIONS.md shows the permission matrix to people who do not read Java: its table must
 * say exactly what {@link Action} decides, action by action and role by role.
 */
class PermissionsDocumentTest {

  private static final List<CaseRole> COLUMNS =
      List.of(
          CaseRole.COORDINATOR,
          CaseRole.BACKUP,
          CaseRole.PARTNER,
          CaseRole.INFORMED_ONLY,
          CaseRole.NON_MEMBER);

  @Test
  void theDocumentedMatrixIsTheOneKringApplies() throws IOException {
    Map<String, Map<CaseRole, Permission>> documented = documentedMatrix();

    Map<String, Map<CaseRole, Permission>> applied = new LinkedHashMap<>();
    for (Action action : Action.values()) {
      Map<CaseRole, Permission> row = new EnumMap<>(CaseRole.class);
      COLUMNS.forEach(role -> row.put(role, action.forRole(role)));
      applied.put(action.name(), row);
    }
    assertThat(documented).isEqualTo(applied);
  }

  @Test
  void theDocumentNamesTheRolesInTheMatrixOrder() throws IOException {
    String header =
        Files.readAllLines(document()).stream()
            .filter(line -> line.startsWith("| action |"))
            .findFirst()
            .orElseThrow();
    assertThat(cells(header).subList(1, 6))
        .containsExactly("coordinator", "backup", "partner", "informed-only", "non-member");
  }

  private static Map<String, Map<CaseRole, Permission>> documentedMatrix() throws IOException {
    Map<String, Map<CaseRole, Permission>> matrix = new LinkedHashMap<>();
    for (String line : Files.readAllLines(document())) {
      if (!line.startsWith("| `")) {
        continue;
      }
      List<String> cells = cells(line);
      assertThat(cells).as("a row of the matrix: %s", line).hasSize(6);
      Map<CaseRole, Permission> row = new EnumMap<>(CaseRole.class);
      for (int i = 0; i < COLUMNS.size(); i++) {
        row.put(COLUMNS.get(i), permission(cells.get(i + 1), line));
      }
      Map<CaseRole, Permission> before = matrix.put(cells.get(0).replace("`", ""), row);
      assertThat(before).as("%s is in the table once", cells.get(0)).isNull();
    }
    return matrix;
  }

  private static Permission permission(String cell, String line) {
    return switch (cell) {
      case "Y" -> Permission.ALLOWED;
      case "propose" -> Permission.PROPOSE;
      case "—" -> Permission.DENIED;
      default -> throw new AssertionError("Neither Y, propose nor — in: " + line);
    };
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.length() - 1);
    return Arrays.stream(inner.split("\\|")).map(String::strip).collect(Collectors.toList());
  }

  /** The document in the repository, found from wherever the test runs inside it. */
  private static Path document() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("docs/PERMISSIONS.md");
      if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("mvnw"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("docs/PERMISSIONS.md not found above " + Path.of("").toAbsolutePath());
  }
}
