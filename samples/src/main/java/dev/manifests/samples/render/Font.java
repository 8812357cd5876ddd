package dev.manifests.samples.render;

/** A font of the page model: one of the three PDF Standard 14 families, regular or bold, at a size in points. */
public record Font(Family family, boolean bold, float sizePt) {

    /** The three families every writer can reproduce (Helvetica, Times, Courier in PDF). */
    public enum Family { SANS, SERIF, MONO }

    public static Font sans(float sizePt) {
        return new Font(Family.SANS, false, sizePt);
    }

    public static Font sansBold(float sizePt) {
        return new Font(Family.SANS, true, sizePt);
    }

    public static Font serif(float sizePt) {
        return new Font(Family.SERIF, false, sizePt);
    }

    public static Font serifBold(float sizePt) {
        return new Font(Family.SERIF, true, sizePt);
    }

    public static Font mono(float sizePt) {
        return new Font(Family.MONO, false, sizePt);
    }

    public static Font monoBold(float sizePt) {
        return new Font(Family.MONO, true, sizePt);
    }

    public Font asBold() {
        return new Font(family, true, sizePt);
    }

    /** Distance between baselines of consecutive lines. */
    public float leadingPt() {
        return sizePt * 1.2f;
    }
}
