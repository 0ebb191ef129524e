package kring.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second JVM running a {@code main} from this test classpath, for tests that must kill a process
 * the hard way (SIGKILL) and see what survives. Its output is read continuously so that it never
 * blocks on a full pipe, and kept for the failure message.
 */
public final class ChildJvm implements AutoCloseable {

  private static final Pattern ACK = Pattern.compile("^ACK (\\d+)$", Pattern.MULTILINE);

  private final Process process;
  private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "child-jvm-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with these arguments in a new JVM on the current classpath. */
  public static ChildJvm start(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a JVM for " + main.getName(), e);
    }
  }

  /** Waits for a line of output that starts with {@code prefix} and returns it. */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? unread.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError(
            "No line starting with '" + prefix + "' within " + timeout + "; output:\n" + output());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Waits for the JVM to end by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "Child JVM still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Kills the JVM with SIGKILL: no shutdown hook, no finally block runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * For a child that prints {@code READY} and then {@code ACK n} after each turn {@code n}: waits
   * until it is ready and has acknowledged one to three turns (the first is slow in a JVM just
   * started), kills it somewhere in the middle of the next turn or between two, and returns the
   * highest turn it acknowledged ({@code none} if none).
   */
  public int killInATurn(Random random, Duration wait, int none) throws InterruptedException {
    awaitLine("READY", wait);
    for (int acks = 1 + random.nextInt(3); acks > 0; acks--) {
      awaitLine("ACK", wait);
    }
    TimeUnit.MICROSECONDS.sleep(random.nextInt(8_000));
    kill();
    int acknowledged = none;
    Matcher told = ACK.matcher(output());
    while (told.find()) {
      acknowledged = Math.max(acknowledged, Integer.parseInt(told.group(1)));
    }
    return acknowledged;
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the JVM printed so far. */
  public synchronized String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          output.add(line);
        }
        unread.add(line);
      }
    } catch (IOException e) {
      // The process ended; what it printed is kept.
    }
  }
}
