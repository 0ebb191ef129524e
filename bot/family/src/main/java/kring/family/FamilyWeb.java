package kring.family;

import org.springframework.context.annotation.Import;

/**
 * The family page's web side, for the application to import. Its controller needs a {@code
 * FamilyDesk}, a {@code WrongLinkTally} (shared by every node) and a {@code Clock} bean.
 */
@Import(FamilyPageController.class)
public final class FamilyWeb {}
