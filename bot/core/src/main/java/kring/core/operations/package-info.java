/** What an operator watches: the counts Kring keeps of its own work, with nothing about people. */
package kring.core.operations;
