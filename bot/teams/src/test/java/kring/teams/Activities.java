package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Real-shaped Teams activities, as the Bot Connector posts them to {@code /api/messages}. */
final class Activities {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String BOT = "28:kring-bot";
  static final String CHANNEL = "19:case-one@thread.tacv2";

  /** A person as Teams shows them: a Teams id, an Entra object id and a name. */
  record Member(String teamsId, String aadObjectId, String name) {}

  static final Member ANNA = new Member("29:anna-teams", "aad-anna", "Anna Peeters");
  static final Member BERT = new Member("29:bert-teams", "aad-bert", "Bert Claes");
  static final Member CARL = new Member("29:carl-teams", "aad-carl", "Carl Janssens");
  static final Member EVE = new Member("29:eve-teams", "aad-eve", "Eve Maes");

  private final String serviceUrl;

  Activities(String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  ObjectNode base(String type, Member from, String conversationId, String conversationType) {
    ObjectNode a = JSON.createObjectNode();
    a.put("type", type);
    a.put("id", "f:" + UUID.randomUUID());
    a.put("timestamp", "2026-03-02T08:15:00.000Z");
    a.put("serviceUrl", serviceUrl);
    a.put("channelId", "msteams");
    ObjectNode f = a.putObject("from");
    f.put("id", from.teamsId());
    f.put("name", from.name());
    f.put("aadObjectId", from.aadObjectId());
    ObjectNode c = a.putObject("conversation");
    c.put("id", conversationId);
    c.put("conversationType", conversationType);
    c.put("tenantId", TENANT);
    if (conversationType.equals("channel")) {
      c.put("isGroup", true);
    }
    ObjectNode r = a.putObject("recipient");
    r.put("id", BOT);
    r.put("name", "Kring");
    ObjectNode data = a.putObject("channelData");
    data.putObject("tenant").put("id", TENANT);
    if (conversationType.equals("channel")) {
      data.putObject("team").put("id", CHANNEL);
      int thread = conversationId.indexOf(';');
      data.putObject("channel")
          .put("id", thread < 0 ? conversationId : conversationId.substring(0, thread));
    }
    return a;
  }

  /** A channel message that mentions Kring, the way Teams sends it. */
  ObjectNode mention(Member from, String words) {
    return mentionIn(CHANNEL, from, words);
  }

  /** A message that mentions Kring in a thread of {@code channel}, a channel of the team. */
  ObjectNode mentionIn(String channel, Member from, String words) {
    ObjectNode a = base("message", from, channel + ";messageid=" + System.nanoTime(), "channel");
    a.put("text", "<at>Kring</at> " + words);
    a.put("textFormat", "plain");
    ObjectNode mention = a.putArray("entities").addObject();
    mention.put("type", "mention");
    mention.put("text", "<at>Kring</at>");
    ObjectNode mentioned = mention.putObject("mentioned");
    mentioned.put("id", BOT);
    mentioned.put("name", "Kring");
    return a;
  }

  /** The id of a person's personal chat with Kring. */
  static String personalChat(Member who) {
    return "a:personal-" + who.aadObjectId();
  }

  ObjectNode personal(Member from, String words) {
    ObjectNode a = base("message", from, personalChat(from), "personal");
    a.put("text", words);
    return a;
  }

  /** Kring installed for one person (personal scope): their personal chat with Kring begins. */
  ObjectNode installedForPerson(Member who) {
    ObjectNode a = base("installationUpdate", who, personalChat(who), "personal");
    a.put("action", "add");
    return a;
  }

  /** A task/fetch or task/submit from a card's Action.Submit in the case channel. */
  ObjectNode invoke(Member from, String name, JsonNode data) {
    return invokeIn(CHANNEL, from, name, data);
  }

  /** A task/fetch or task/submit from a card's Action.Submit in {@code channel}. */
  ObjectNode invokeIn(String channel, Member from, String name, JsonNode data) {
    return invoke(base("invoke", from, channel, "channel"), name, data);
  }

  /**
   * A card's Action.Submit that opens no dialog: Teams posts a message with the button's data as
   * its value and no text.
   */
  ObjectNode submitted(String conversationId, String conversationType, Member from, JsonNode data) {
    ObjectNode a = base("message", from, conversationId, conversationType);
    a.set("value", data);
    return a;
  }

  /** A task/fetch or task/submit from a card's Action.Submit in the person's personal chat. */
  ObjectNode personalInvoke(Member from, String name, JsonNode data) {
    return invoke(base("invoke", from, personalChat(from), "personal"), name, data);
  }

  /**
   * A person's answer to a file consent card in their personal chat: on accepting, the upload
   * address Teams made in their OneDrive.
   */
  ObjectNode fileConsent(Member from, String action, JsonNode context, String uploadUrl) {
    ObjectNode a = base("invoke", from, personalChat(from), "personal");
    a.put("name", "fileConsent/invoke");
    ObjectNode value = a.putObject("value");
    value.put("type", "fileUpload");
    value.put("action", action);
    value.set("context", context);
    if (uploadUrl != null) {
      ObjectNode info = value.putObject("uploadInfo");
      info.put("name", "export.md");
      info.put("uploadUrl", uploadUrl);
      info.put("contentUrl", "https://contoso-my.sharepoint.com/personal/export.md");
      info.put("uniqueId", "1150D938-8870-4044-9F2C-5BBDEBA70C9D");
      info.put("fileType", "md");
    }
    return a;
  }

  private static ObjectNode invoke(ObjectNode a, String name, JsonNode data) {
    a.put("name", name);
    ObjectNode value = a.putObject("value");
    value.put("type", name);
    value.set("data", data);
    value.putObject("context").put("theme", "default");
    return a;
  }

  ObjectNode botAdded(Member by) {
    ObjectNode a = base("conversationUpdate", by, CHANNEL, "channel");
    a.putArray("membersAdded").addObject().put("id", BOT);
    ((ObjectNode) a.get("channelData")).put("eventType", "teamMemberAdded");
    return a;
  }

  ObjectNode memberAdded(Member by, Member joined) {
    ObjectNode a = base("conversationUpdate", by, CHANNEL, "channel");
    ObjectNode m = a.putArray("membersAdded").addObject();
    m.put("id", joined.teamsId());
    m.put("aadObjectId", joined.aadObjectId());
    ((ObjectNode) a.get("channelData")).put("eventType", "teamMemberAdded");
    return a;
  }

  ObjectNode memberRemoved(Member by, Member left) {
    ObjectNode a = base("conversationUpdate", by, CHANNEL, "channel");
    ObjectNode m = a.putArray("membersRemoved").addObject();
    m.put("id", left.teamsId());
    m.put("aadObjectId", left.aadObjectId());
    ((ObjectNode) a.get("channelData")).put("eventType", "teamMemberRemoved");
    return a;
  }
}
