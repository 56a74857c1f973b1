-- Who may act on which project and site (issue 19). Roles say what a person may do; memberships
-- say where. A project's members (its participants, the verifiers assigned to it, operators the
-- participants invite) see and act on that project only; a site's operators onboard devices and
-- bind keys there only. Administrators and auditors belong everywhere and are never listed.
-- A member is named as the service names the principal: a person's username, or token:<name>.
CREATE TABLE project_members (
    project_id  TEXT NOT NULL REFERENCES projects (id),
    member      TEXT NOT NULL,
    PRIMARY KEY (project_id, member)
);
CREATE INDEX project_members_by_member ON project_members (member);

CREATE TABLE site_operators (
    site_id     TEXT NOT NULL REFERENCES sites (id),
    operator    TEXT NOT NULL,
    PRIMARY KEY (site_id, operator)
);

-- Whoever registered a project or created a site before memberships existed keeps it.
INSERT INTO project_members (project_id, member)
SELECT DISTINCT a.subject, a.actor FROM audit_log a JOIN projects p ON p.id = a.subject WHERE a.action = 'project.create'
ON CONFLICT DO NOTHING;
INSERT INTO site_operators (site_id, operator)
SELECT DISTINCT a.subject, a.actor FROM audit_log a JOIN sites s ON s.id = a.subject WHERE a.action = 'site.create'
ON CONFLICT DO NOTHING;
