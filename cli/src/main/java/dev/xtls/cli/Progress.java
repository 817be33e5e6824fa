package dev.xtls.cli;

import java.io.PrintStream;

/** "probing 12/38 ..." : rewritten in place on a terminal, one line per step otherwise (logs, pipes, tests). */
final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    synchronized void step(String what) {
        done++;
        String line = "probing " + done + "/" + total + "  " + what;
        if (terminal) {
            out.print("\r" + String.format("%-100s", line));
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }
}
