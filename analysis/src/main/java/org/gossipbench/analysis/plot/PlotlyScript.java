package org.gossipbench.analysis.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code <script>} that loads plotly into a page: plotly itself, inlined, when the build put
 * the npm package {@code plotly.js-dist-min} on the classpath (ci/plotly-fetch.sh, SHA-256
 * checked), so the page opens offline; otherwise a {@code <script src>} to plotly's CDN, and {@link
 * #note()} says so on the page.
 */
public final class PlotlyScript {
  static final String RESOURCE = "plotly.min.js";
  static final String VERSION_RESOURCE = "plotly.version";

  /** The version the fallback loads when the build did not even record the pinned one. */
  static final String DEFAULT_VERSION = "2.35.2";

  private final String html;
  private final String note;
  private final boolean inlined;

  private PlotlyScript(String html, String note, boolean inlined) {
    this.html = html;
    this.note = note;
    this.inlined = inlined;
  }

  /** Plotly inlined when the build fetched it, the CDN otherwise. */
  public static PlotlyScript load() {
    String js = resource(RESOURCE);
    String version = resource(VERSION_RESOURCE);
    if (js == null) {
      return cdn(version == null ? DEFAULT_VERSION : version.strip());
    }
    // A "</script" inside the library would end the inline element early.
    String safe = js.replace("</script", "<\\/script");
    return new PlotlyScript(
        "<script>" + safe + "</script>",
        "Plots drawn by plotly.js "
            + (version == null ? "" : version.strip() + " ")
            + "(npm plotly.js-dist-min, MIT), inlined: this page opens offline.",
        true);
  }

  /** Plotly {@code version} from its CDN: the page needs the network. */
  public static PlotlyScript cdn(String version) {
    String url = "https://cdn.plot.ly/plotly-" + version + ".min.js";
    return new PlotlyScript(
        "<script src=\"" + url + "\"></script>",
        "Plots drawn by plotly.js loaded from "
            + url
            + ": this build could not fetch the npm package plotly.js-dist-min (see"
            + " ci/plotly-fetch.sh), so this page needs the network to draw them.",
        false);
  }

  /** The element to put in the page's head. */
  public String html() {
    return html;
  }

  /** One sentence for the page: where plotly comes from. */
  public String note() {
    return note;
  }

  public boolean inlined() {
    return inlined;
  }

  private static String resource(String name) {
    try (InputStream in = PlotlyScript.class.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + name, e);
    }
  }
}
