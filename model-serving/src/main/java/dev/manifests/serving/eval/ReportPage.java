package dev.manifests.serving.eval;

import dev.manifests.schema.json.FieldOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvaluationReport} as one self-contained HTML page a person reads at a glance: the headline
 * figures, per-field accuracy as inline SVG bars, and the worst documents with expected and extracted values side
 * by side, wrong fields highlighted.
 */
public final class ReportPage {

    private static final int WORST = 10;
    /** Field rows shown per worst document, wrong ones first: a manifest of a hundred containers stays readable. */
    private static final int ROWS_PER_DOCUMENT = 40;
    private static final int BAR_WIDTH = 420;
    private static final int ROW_HEIGHT = 18;
    private static final int LABEL_WIDTH = 280;

    private ReportPage() {
    }

    public static String render(EvaluationReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation of ")
                .append(escape(report.model())).append("</title><style>")
                .append("body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;color:#1d2330;max-width:1180px}")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}")
                .append(".sub{color:#5b6475;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}")
                .append(".card{border:1px solid #dde2ea;border-radius:6px;padding:10px 14px;min-width:120px}")
                .append(".card b{display:block;font-size:22px}.card span{font-size:12px;color:#5b6475}")
                .append(".bad b{color:#b42318}.good b{color:#067647}")
                .append("table{border-collapse:collapse;font-size:12px;width:100%;margin:6px 0 18px}")
                .append("td,th{border:1px solid #e3e7ee;padding:3px 6px;text-align:left;vertical-align:top;word-break:break-word}")
                .append("th{background:#f3f5f9}tr.wrong td{background:#fde8e7}tr.wrong td.path{font-weight:600;color:#b42318}")
                .append(".doc{font-weight:600;font-size:13px;margin-top:14px}.doc small{font-weight:400;color:#5b6475}")
                .append("</style></head><body>");
        html.append("<h1>Evaluation of ").append(escape(report.model())).append("</h1>")
                .append("<div class=\"sub\">").append(report.documents().size()).append(" documents on ")
                .append(escape(report.device())).append("</div>");
        headline(html, report);
        fieldBars(html, report);
        worstDocuments(html, report);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void headline(StringBuilder html, EvaluationReport report) {
        AccuracyTally overall = report.overall();
        AccuracyTally layouts = report.tally(d -> d.document().heldOutLayout());
        AccuracyTally values = report.tally(d -> d.document().heldOutValues());
        long failures = report.failures("parse") + report.failures("engine");
        html.append("<div class=\"cards\">");
        card(html, "field accuracy", percent(overall.accuracy()), null);
        card(html, "precision", percent(overall.precision()), null);
        card(html, "recall", percent(overall.recall()), null);
        card(html, "documents exactly right", percent(report.exactMatch(d -> true)), null);
        card(html, "held-out layouts accuracy", layouts.scored() == 0 ? "n/a" : percent(layouts.accuracy()), null);
        card(html, "held-out values accuracy", values.scored() == 0 ? "n/a" : percent(values.accuracy()), null);
        card(html, "parse / schema failures", String.valueOf(report.failures("parse")), report.failures("parse") == 0 ? "good" : "bad");
        card(html, "engine failures", String.valueOf(report.failures("engine")), report.failures("engine") == 0 ? "good" : "bad");
        card(html, "documents / s", String.format(Locale.ROOT, "%.2f", report.documentsPerSecond()), null);
        card(html, "output tokens / s", String.format(Locale.ROOT, "%.0f", report.outputTokensPerSecond()), null);
        html.append("</div><div class=\"sub\" style=\"margin-top:8px\">Errors: ")
                .append(overall.wrongValue()).append(" wrong values, ")
                .append(overall.missing()).append(" missing, ")
                .append(overall.spurious()).append(" spurious, over ").append(overall.scored()).append(" fields")
                .append(failures == 0 ? "" : "; failed documents count all their expected fields as missing").append(".</div>");
    }

    private static void card(StringBuilder html, String label, String value, String tone) {
        html.append("<div class=\"card").append(tone == null ? "" : " " + tone).append("\"><b>").append(escape(value))
                .append("</b><span>").append(escape(label)).append("</span></div>");
    }

    private static void fieldBars(StringBuilder html, EvaluationReport report) {
        Map<String, AccuracyTally> fields = report.byField();
        html.append("<h2>Accuracy per field</h2>");
        int height = fields.size() * ROW_HEIGHT + 24;
        int width = LABEL_WIDTH + BAR_WIDTH + 150;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\">");
        for (int tick = 0; tick <= 100; tick += 25) {
            int x = LABEL_WIDTH + BAR_WIDTH * tick / 100;
            html.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"").append(height - 16)
                    .append("\" stroke=\"#e3e7ee\"/><text x=\"").append(x).append("\" y=\"").append(height - 4)
                    .append("\" text-anchor=\"middle\" fill=\"#5b6475\">").append(tick).append("%</text>");
        }
        int y = 2;
        for (Map.Entry<String, AccuracyTally> field : fields.entrySet()) {
            double accuracy = field.getValue().accuracy();
            int bar = (int) Math.round(BAR_WIDTH * accuracy);
            String colour = accuracy >= 0.95 ? "#12b76a" : accuracy >= 0.8 ? "#f79009" : "#f04438";
            html.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 12)
                    .append("\" text-anchor=\"end\">").append(escape(field.getKey())).append("</text>")
                    .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 2).append("\" width=\"").append(Math.max(bar, 1))
                    .append("\" height=\"").append(ROW_HEIGHT - 5).append("\" fill=\"").append(colour).append("\"/>")
                    .append("<text x=\"").append(LABEL_WIDTH + BAR_WIDTH + 6).append("\" y=\"").append(y + 12).append("\">")
                    .append(percent(accuracy)).append(" of ").append(field.getValue().scored()).append("</text>");
            y += ROW_HEIGHT;
        }
        html.append("</svg>");
    }

    private static void worstDocuments(StringBuilder html, EvaluationReport report) {
        List<ScoredDocument> worst = report.worst(WORST);
        html.append("<h2>The ").append(worst.size()).append(" worst documents</h2>");
        if (worst.isEmpty()) {
            html.append("<p>Every document was extracted exactly.</p>");
            return;
        }
        for (ScoredDocument document : worst) {
            LabelledDocument source = document.document();
            html.append("<div class=\"doc\">").append(escape(source.id())).append(" <small>")
                    .append(escape(source.layout())).append(" · ").append(escape(source.format()))
                    .append(source.heldOutLayout() ? " · held-out layout" : "")
                    .append(source.heldOutValues() ? " · held-out values" : "")
                    .append(" · ").append(document.wrongFields()).append(" wrong fields")
                    .append(document.failed() ? " · " + escape(document.failureKind()) + " failure: " + escape(document.failure()) : "")
                    .append("</small></div>");
            html.append("<table><tr><th style=\"width:28%\">field</th><th>expected</th><th>extracted</th></tr>");
            List<FieldOutcome> shown = shown(document);
            for (FieldOutcome outcome : shown.subList(0, Math.min(ROWS_PER_DOCUMENT, shown.size()))) {
                html.append("<tr").append(outcome.correct() ? "" : " class=\"wrong\"").append("><td class=\"path\">")
                        .append(escape(outcome.path())).append("</td><td>").append(value(outcome.expected()))
                        .append("</td><td>").append(value(outcome.extracted())).append("</td></tr>");
            }
            if (shown.size() > ROWS_PER_DOCUMENT) {
                html.append("<tr><td colspan=\"3\" class=\"sub\">and ").append(shown.size() - ROWS_PER_DOCUMENT)
                        .append(" more fields</td></tr>");
            }
            html.append("</table>");
        }
    }

    /** The fields worth a reader's eye: every wrong one first, then the right ones that have a value. */
    private static List<FieldOutcome> shown(ScoredDocument document) {
        List<FieldOutcome> shown = new ArrayList<>();
        for (FieldOutcome outcome : document.fields()) {
            if (!outcome.correct()) {
                shown.add(outcome);
            }
        }
        for (FieldOutcome outcome : document.fields()) {
            if (outcome.correct() && outcome.expected() != null) {
                shown.add(outcome);
            }
        }
        return shown;
    }

    private static String value(String value) {
        return value == null ? "<i style=\"color:#98a2b3\">null</i>" : escape(value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
