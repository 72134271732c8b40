package jobs.x402.console.session;

import jobs.x402.console.db.ProfileStore;
import jobs.x402.console.target.ConnectionProfile;

import java.util.List;
import java.util.Optional;

/** The saved connection profiles of one console home (no passwords in them, ever). */
public final class ProfilesApi {
    private final ProfileStore store;

    private ProfilesApi(ProfileStore store) {
        this.store = store;
    }

    public static ProfilesApi of(ConsoleEnvironment environment) {
        return new ProfilesApi(ProfileStore.in(environment.home()));
    }

    public List<ConnectionProfile> list() {
        return store.list();
    }

    public Optional<ConnectionProfile> find(String name) {
        return store.find(name);
    }

    /** The profile, or a usage error naming the saved ones. */
    public ConnectionProfile require(String name) {
        return store.require(name);
    }

    public void save(ConnectionProfile profile) {
        store.save(profile);
    }

    public boolean remove(String name) {
        return store.remove(name);
    }
}
