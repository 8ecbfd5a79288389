package io.newswatch.alert.user;

import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.subscription.SubscriptionsChanged;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.newswatch.security.BasicIdentityProvider;
import io.newswatch.security.CurrentUser;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Managing users: create, list, delete, each recorded in the audit log. */
@ApplicationScoped
@Transactional
public class UserService {

  private final UserRepository users;
  private final AuditLog audit;
  private final BasicIdentityProvider identities;
  private final Clock clock;

  UserService(UserRepository users, AuditLog audit, BasicIdentityProvider identities, Clock clock) {
    this.users = users;
    this.audit = audit;
    this.identities = identities;
    this.clock = clock;
  }

  /** Creates a user; 409 when the name is taken. */
  public UserView create(UserRequest request, String actor) {
    AppUser user = newUser(request.username(), request.password(), request.role());
    if (users.findByUsername(user.username).isPresent()) {
      throw new ProblemException(
          409,
          "user " + user.username + " exists",
          List.of(new FieldError("username", "is taken")));
    }
    users.persist(user);
    UserView view = UserView.of(user);
    audit.created(actor, "user", user.id.toString(), view);
    return view;
  }

  /** Creates the first admin unless a user of that name exists; for start-up. */
  boolean createIfAbsent(String username, String password, String role) {
    if (users.findByUsername(username).isPresent()) {
      return false;
    }
    AppUser user = newUser(username, password, role);
    users.persist(user);
    audit.created("system", "user", user.id.toString(), UserView.of(user));
    return true;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<UserView> list(int page, int size) {
    var query = users.findAll(Sort.by("username"));
    return new Page<>(
        query.page(page, size).list().stream().map(UserView::of).toList(),
        query.count(),
        page,
        size);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public UserView get(UUID id) {
    return UserView.of(find(id));
  }

  /**
   * Deletes a user with their subscriptions and alerts. Refuses to delete the caller: so the admin
   * deleting is never the last one, and nobody locks everybody out.
   */
  public void delete(UUID id, CurrentUser caller) {
    // Deleting a user deletes their subscriptions: order it with other subscription changes.
    SubscriptionsChanged.lock(users.getEntityManager());
    AppUser user = find(id);
    if (user.id.toString().equals(caller.id())) {
      throw new ProblemException(409, "you cannot delete yourself");
    }
    UserView before = UserView.of(user);
    users.delete(user);
    audit.deleted(caller.username(), "user", id.toString(), before);
    identities.forget(user.username);
  }

  private AppUser newUser(String username, String password, String role) {
    AppUser user = new AppUser();
    user.id = UUID.randomUUID();
    user.username = username;
    user.passwordHash = BcryptUtil.bcryptHash(password);
    user.role = role;
    user.createdAt = Instant.now(clock);
    user.updatedAt = user.createdAt;
    return user;
  }

  private AppUser find(UUID id) {
    return users.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("user " + id));
  }
}
