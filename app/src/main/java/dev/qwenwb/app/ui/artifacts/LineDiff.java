package dev.qwenwb.app.ui.artifacts;

import java.util.ArrayList;
import java.util.List;

/** A unified-style line diff (longest common subsequence), for comparing an artifact's versions. */
public final class LineDiff {

    private LineDiff() {
    }

    /** Lines of {@code after} against {@code before}, each prefixed "  ", "- " or "+ ". */
    public static List<String> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + a[i++]); // removals before additions, as unified diffs show them
            } else {
                out.add("+ " + b[j++]);
            }
        }
        return out;
    }
}
