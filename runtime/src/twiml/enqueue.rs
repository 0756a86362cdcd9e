//! Waiting in a queue: [`Enqueue`] (with a TaskRouter [`Task`]) puts the caller in one,
//! [`Leave`] takes them out.

use super::element::{Node, attr, element, placed_in};
use super::values::Method;

element! {
    /// `<Enqueue>`: puts the caller in a queue until someone dials it.
    Enqueue
}
placed_in!(Enqueue: Verb);

impl Enqueue {
    /// Enqueues the caller in the queue `name` (created if needed).
    pub fn new(name: impl Into<String>) -> Self {
        Self(Node::with_text("Enqueue", name))
    }
    /// Hands the caller to a TaskRouter workflow as `task` (`<Enqueue><Task>...</Task>`); give
    /// the workflow with [`workflow_sid`](Self::workflow_sid).
    pub fn task(task: Task) -> Self {
        Self(Node::with_child("Enqueue", task.0))
    }
    attr!(
        /// `action`: the URL Twilio requests when the caller leaves the queue.
        action, "action", into String
    );
    attr!(
        /// `method`: how `action` is requested.
        method, "method", Method
    );
    attr!(
        /// `maxQueueSize`: the most callers the queue holds.
        max_queue_size, "maxQueueSize", u32
    );
    attr!(
        /// `waitUrl`: TwiML run for the caller while waiting.
        wait_url, "waitUrl", into String
    );
    attr!(
        /// `waitUrlMethod`: how `waitUrl` is requested.
        wait_url_method, "waitUrlMethod", Method
    );
    attr!(
        /// `workflowSid`: a TaskRouter workflow that routes the caller instead of a named queue.
        workflow_sid, "workflowSid", into String
    );
}

element! {
    /// `<Task>` in an [`Enqueue`]: the TaskRouter task's attributes, as JSON text.
    Task
}

impl Task {
    /// A task with these attributes (a JSON object such as `{"account_number":"12345"}`).
    pub fn new(attributes: impl Into<String>) -> Self {
        Self(Node::with_text("Task", attributes))
    }
    attr!(
        /// `priority`: the task's priority.
        priority, "priority", u32
    );
    attr!(
        /// `timeout`: seconds before the task is cancelled.
        timeout, "timeout", u32
    );
}

element! {
    /// `<Leave>`: takes the caller out of their queue (from the queue's wait TwiML).
    Leave
}
placed_in!(Leave: Verb);

impl Leave {
    /// `<Leave/>`.
    pub fn new() -> Self {
        Self(Node::new("Leave"))
    }
}

impl Default for Leave {
    fn default() -> Self {
        Self::new()
    }
}
