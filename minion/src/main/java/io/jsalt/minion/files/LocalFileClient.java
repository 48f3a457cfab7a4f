package io.jsalt.minion.files;

import io.jsalt.common.files.FileClient;
import io.jsalt.common.files.FileRoots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code file_client: local}: salt:// names are read straight from the minion's own file_roots. */
public final class LocalFileClient implements FileClient, StateFiles {
    private final FileRoots roots;

    public LocalFileClient(FileRoots roots) {
        this.roots = roots;
    }

    @Override
    public Optional<Path> cacheFile(String saltUrl, String saltenv) {
        SaltUrl u = SaltUrl.parse(saltUrl, saltenv);
        return roots.find(u.saltenv(), u.path());
    }

    @Override
    public Optional<String> hash(String saltUrl, String saltenv) {
        return cacheFile(saltUrl, saltenv).map(FileRoots::sha256);
    }

    @Override
    public List<String> listFiles(String saltenv) {
        return roots.listFiles(saltenv);
    }

    @Override
    public List<String> listDirs(String saltenv) {
        return roots.listDirs(saltenv);
    }

    @Override
    public FileRoots stateRoots() {
        return roots;
    }

    @Override
    public Listing listing() {
        return new Listing(roots, Map.of());
    }
}
